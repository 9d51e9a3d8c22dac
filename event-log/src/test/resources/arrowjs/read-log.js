// Reads one Runboard event log segment with Apache Arrow's JavaScript implementation and prints
// one line per row: the columns tab-separated, numbers as JavaScript prints them, lists joined
// with commas. EventLogCrossLanguageTest compares the lines with what the Java reader returns.
const fs = require("fs");
const { tableFromIPC, Vector } = require("apache-arrow");

const table = tableFromIPC(fs.readFileSync(process.argv[2]));
const kind = table.schema.metadata.get("runboard.kind");
const version = table.schema.metadata.get("runboard.format_version");
console.log(`# ${kind} ${version} ${table.numRows}`);
const names = table.schema.fields.map((f) => f.name);
for (let i = 0; i < table.numRows; i++) {
  const row = names.map((name) => {
    const v = table.getChild(name).get(i);
    if (v instanceof Vector) {
      return Array.from(v, String).join(","); // list cells; null items print as "null"
    }
    if (v instanceof Uint8Array) {
      return Buffer.from(v).toString("hex"); // binary cells
    }
    return String(v);
  });
  console.log(row.join("\t"));
}
