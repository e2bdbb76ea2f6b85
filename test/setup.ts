import { shortenCreationStacks } from '../stacks/creation-stacks';

// cdktf records where each token was made; the tests keep none of it, which saves a fifth of the
// synth time under jest (see stacks/creation-stacks.ts). To see where a token that fails to resolve
// was made, run the tests with TEST_CREATION_FRAMES=4 (or more). No test uses cdktf's jest matchers,
// so Testing.setupJest (and loading cdktf in every test file for it) is left out.
shortenCreationStacks(Number(process.env.TEST_CREATION_FRAMES ?? 0));
