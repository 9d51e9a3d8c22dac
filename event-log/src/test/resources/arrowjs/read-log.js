// Reads one Runboard event log segment with Apache Arrow's JavaScript implementation and prints
// one line per row: the columns tab-separated, numbers as JavaScript prints them, lists joined
// with commas. EventLogCrossLanguageTest compares the lines with what the Java reader returns.
// Tensor rows get one more column: the elements of `data`, decoded here as typed arrays of their
// `dtype` (little-endian, as the format says), so the layout is checked, not only the bytes.
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
  if (kind === "tensor") {
    row.push(tensorElements(table.getChild("dtype").get(i), table.getChild("data").get(i)));
  }
  console.log(row.join("\t"));
}

function tensorElements(dtype, bytes) {
  const buffer = bytes.slice().buffer; // aligned copy
  const arrays = {
    float32: Float32Array,
    float64: Float64Array,
    int32: Int32Array,
    int64: BigInt64Array,
    bool: Uint8Array,
  };
  return Array.from(new arrays[dtype](buffer), String).join(",");
}
