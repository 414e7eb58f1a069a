// Runs one campaign in its own process and prints its report as one JSON line. It never calls
// process.exit: the process must end by itself once the last call settled, which proves the
// client left no socket, timer or listener behind.
import { runCampaign, type CampaignOptions } from "./campaign.js";

const options = JSON.parse(process.env.FAULT_CAMPAIGN ?? "{}") as CampaignOptions;
const report = await runCampaign(options);
process.stdout.write(`${JSON.stringify(report)}\n`);
