// Runs autocannon in its own process (so the server under test keeps its event loop) with the
// JSON options given as the first argument, and prints autocannon's result as one JSON line.
// Requests rotate through `requests` on every connection, which the CLI cannot do.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({ ...opts, renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
process.stdout.write(JSON.stringify(result) + '\n');
