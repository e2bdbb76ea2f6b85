/**
 * `text` as literal text in Terraform JSON: `${` and `%{` start template interpolations and directives
 * in every Terraform string, and `$${` and `%%{` are their escapes (Terraform "Strings and Templates",
 * "Escape sequences"). cdktf's own tokens (`${TfToken[...]}`) are kept, so references still resolve.
 */
export function literal(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Every value of `tags` (and key) as literal text. */
export function literalTags(tags: { readonly [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return tags === undefined ? undefined : Object.fromEntries(Object.entries(tags).map(([key, value]) => [literal(key), literal(value)]));
}
