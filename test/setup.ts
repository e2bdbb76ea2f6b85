import { Testing } from 'cdktf';
import { shortenCreationStacks } from '../stacks/creation-stacks';

Testing.setupJest();
// cdktf's token creation stacks with their first frames only, not source-mapped: see the module.
shortenCreationStacks();
