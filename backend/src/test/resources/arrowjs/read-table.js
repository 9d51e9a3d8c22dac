// Reads an Arrow IPC stream with Apache Arrow's JavaScript implementation and prints it as JSON:
// {"fields": [names], "metadata": {key: value}, "batches": n, "columns": {name: [cells as strings]}}.
// The API tests compare it with the JSON the server answers for the same request.
const fs = require("fs");
const { tableFromIPC } = require("apache-arrow");

const table = tableFromIPC(fs.readFileSync(process.argv[2]));
const columns = {};
for (const field of table.schema.fields) {
  const vector = table.getChild(field.name);
  const cells = [];
  for (let i = 0; i < table.numRows; i++) {
    const v = vector.get(i);
    cells.push(v === null ? null : String(v));
  }
  columns[field.name] = cells;
}
console.log(JSON.stringify({
  fields: table.schema.fields.map((f) => f.name),
  metadata: Object.fromEntries(table.schema.metadata),
  batches: table.batches.length,
  columns,
}));
