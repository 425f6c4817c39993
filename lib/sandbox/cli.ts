// Starts the sandbox gateway as its own process:
//   node --conditions=react-server --import tsx lib/sandbox/cli.ts --port 4010 --dir /tmp/sb --key KEY
// Options: --speed N, --fault-rate R, --allow host:port (repeatable).
import { parseArgs } from "node:util";
import { serveSandbox } from "./serve";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    dir: { type: "string", default: "data/sandbox-standalone" },
    key: { type: "string" },
    speed: { type: "string", default: "1" },
    "fault-rate": { type: "string", default: "0" },
    allow: { type: "string", multiple: true, default: [] },
  },
});

if (!values.key) {
  console.error("--key is required: the subscription key callers must send");
  process.exit(2);
}

async function main() {
  const server = await serveSandbox({
    port: Number(values.port),
    dir: values.dir!,
    apiKey: values.key!,
    speed: Number(values.speed),
    faultRate: Number(values["fault-rate"]),
    allowHosts: values.allow,
  });
  console.log(`sandbox gateway listening on ${server.url}`);
  await server.sandbox.resume(server.url);
}

void main();
