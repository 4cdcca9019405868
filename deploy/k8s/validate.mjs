// Checks the manifests of this folder offline: every document against the Kubernetes API's
// JSON schemas (the kubernetes-models package: types, enums, required fields; it does not
// reject unknown fields), then what the schemas cannot know: completions equal to the N of
// --shard auto/N, and restartPolicy Never, which podFailurePolicy requires.
//
//   cd deploy/k8s && npm install --no-save kubernetes-models@5 yaml@2 && node validate.mjs *.yaml
import fs from "node:fs";
import { parseAllDocuments } from "yaml";
import { Job } from "kubernetes-models/batch/v1";
import { PersistentVolumeClaim } from "kubernetes-models/v1";

const kinds = { Job, PersistentVolumeClaim };
let bad = 0;
const fail = (msg) => {
  console.error(msg);
  bad = 1;
};
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      fail(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const obj = doc.toJSON();
    if (!obj) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    const K = kinds[obj.kind];
    if (!K) {
      fail(`${where}: no schema for this kind here`);
      continue;
    }
    try {
      new K(obj).validate();
    } catch (e) {
      fail(`${where}: ${e.message}`);
      continue;
    }
    if (obj.kind === "Job" && obj.spec.podFailurePolicy &&
        obj.spec.template.spec.restartPolicy !== "Never")
      fail(`${where}: podFailurePolicy needs restartPolicy: Never`);
    const cmd = obj.kind === "Job" ? obj.spec.template.spec.containers[0].command : [];
    const shard = cmd[cmd.indexOf("--shard") + 1];
    if (cmd.includes("--shard") && shard !== `auto/${obj.spec.completions}`)
      fail(`${where}: --shard ${shard} does not match completions ${obj.spec.completions}`);
    console.log(`${where}: valid`);
  }
}
process.exit(bad);
