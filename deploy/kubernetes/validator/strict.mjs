// Unknown-field check for Kubernetes kinds: the OpenAPI schemas allow any extra key, so a misspelt
// optional field (`readOnlyRootFilesytem`) would pass them silently. The field lists come from the
// type declarations kubernetes-models generates from the same OpenAPI document.
import { readFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const declarations = new Map();

function declarationFile(specifier, from) {
  if (specifier.startsWith(".")) return resolve(dirname(from), specifier.replace(/\.js$/, ".d.ts"));
  return fileURLToPath(import.meta.resolve(specifier)).replace(/\.js$/, ".d.ts");
}

/** The fields of the interface a .d.ts declares, each with the declaration of its object type (or null). */
function fieldsOf(file) {
  if (declarations.has(file)) return declarations.get(file);
  let fields = null;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) imports.set(m[1], m[2]);
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^export interface I\w+( extends [\w, ]+)? \{$/.test(l));
    if (start >= 0) {
      fields = new Map();
      for (let i = start + 1; i < lines.length && lines[i] !== "}"; i++) {
        const m = /^ {4}"([^"]+)"\??: (.*)$/.exec(lines[i]);
        if (!m) continue;
        const type = /^(?:Array<)?(I\w+)>?;$/.exec(m[2]);
        fields.set(m[1], type && imports.has(type[1]) ? declarationFile(imports.get(type[1]), file) : null);
      }
    }
  }
  declarations.set(file, fields);
  return fields;
}

function walk(value, file, path, errors) {
  const fields = fieldsOf(file);
  if (!fields || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) {
      errors.push(`${path}${key}: unknown field`);
      continue;
    }
    const childFile = fields.get(key);
    if (!childFile) continue;
    if (Array.isArray(child)) child.forEach((item, i) => walk(item, childFile, `${path}${key}/${i}/`, errors));
    else walk(child, childFile, `${path}${key}/`, errors);
  }
}

/** Unknown fields of a Kubernetes document ([] for kinds outside kubernetes-models, such as CRDs). */
export function unknownFields(doc) {
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  const specifier = group === "" ? `kubernetes-models/${version}/${doc.kind}` : `kubernetes-models/${group}/${version}/${doc.kind}`;
  let file;
  try {
    file = declarationFile(specifier);
  } catch {
    return [];
  }
  const errors = [];
  walk(doc, file, "", errors);
  return errors;
}
