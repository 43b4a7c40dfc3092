// A reporting system following NTRK Lab Workflow's final-report topic from Node.js.
//   cd docs/examples && npm install && node follow-reports.mjs [--max N]
// Prints every issued report version; Ctrl-C stops it.
import { Kafka } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const registry = new SchemaRegistry({ host: 'http://localhost:8081/apis/ccompat/v7' });
const kafka = new Kafka({ clientId: 'example-report-consumer', brokers: ['localhost:9092'] });
const max = process.argv[2] === '--max' ? Number(process.argv[3]) : Infinity;

// KafkaJS reads committed records only by default: the services write in Kafka transactions.
const consumer = kafka.consumer({ groupId: 'example-report-consumer' });
await consumer.connect();
await consumer.subscribe({ topic: 'ntrk.reports', fromBeginning: true });
let seen = 0;
await consumer.run({
  eachMessage: async ({ message }) => {
    const { payload } = await registry.decode(message.value);
    // The union branch is named; ReportIssued is the one to act on (drafts and refused commands share the topic).
    const issued = payload['org.ntrklab.events.ReportIssued'];
    if (issued) {
      const fusions = issued.content.fusions.map((f) => f.hgncName).join(', ') || '-';
      console.log(`${message.key} v${issued.version} ${issued.status}: ${issued.content.overallCall} (${fusions})`
        + ` signed out by ${issued.signedOutBy}`);
      if (++seen >= max) {
        setImmediate(() => consumer.disconnect());
      }
    }
    // Offsets are committed after each message is handled: a crash re-delivers, and eventId lets the
    // receiver drop the repeat.
  },
});
