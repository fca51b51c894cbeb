// Checks every recorded webhook delivery with the Standard Webhooks reference library for JavaScript.
// Input: a file of JSON lines {secret, id, timestamp, signature, body}; output: one JSON line with the counts.
const fs = require("fs");
const { Webhook } = require("standardwebhooks");

const lines = fs.readFileSync(process.argv[2], "utf8").split("\n").filter((line) => line.trim() !== "");
let accepted = 0;
const refused = [];
for (const line of lines) {
  const delivery = JSON.parse(line);
  try {
    new Webhook(delivery.secret).verify(delivery.body, {
      "webhook-id": delivery.id,
      "webhook-timestamp": delivery.timestamp,
      "webhook-signature": delivery.signature,
    });
    accepted++;
  } catch (e) {
    refused.push({ id: delivery.id, error: String(e && e.message) });
  }
}
console.log(JSON.stringify({ checked: lines.length, accepted, refused }));
