// Runs every benchmark and prints its figures: `npm run bench`.
import { run as meshPipeline } from "./mesh-pipeline";

async function main() {
  await meshPipeline();
}

void main();
