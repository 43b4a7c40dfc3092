// A LIMS publishing one specimen receipt to NTRK Lab Workflow from Node.js.
//   cd docs/examples && npm install && node publish-specimen.mjs SP-2026-000123
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const topic = 'lims.specimen-events';
// The registry's Confluent-compatible API: Confluent's clients in any language work unchanged.
const registry = new SchemaRegistry({ host: 'http://localhost:8081/apis/ccompat/v7' });
const kafka = new Kafka({ clientId: 'example-lims', brokers: ['localhost:9092'] });

const specimenId = process.argv[2] ?? `SP-${randomUUID().slice(0, 8).toUpperCase()}`;
const now = Date.now();
const day = 24 * 3600 * 1000;
const event = {
  eventId: randomUUID(), // unique per message: the idempotency key
  occurredAt: now, // timestamp-millis: milliseconds since the epoch
  specimenId,
  source: 'example-lims',
  causationId: null,
  // The payload is a union of records: name the branch.
  payload: {
    'org.ntrklab.events.SpecimenReceived': {
      orderId: `ORD-${randomUUID().slice(0, 8).toUpperCase()}`,
      patientRef: `PSN-${randomUUID().slice(0, 8).toUpperCase()}`, // pseudonymous: never a name or MRN
      ageYears: 58,
      orderingFacility: 'Example University Hospital',
      tumourType: { oncoTreeCode: 'LUAD', text: 'Lung Adenocarcinoma' },
      specimen: {
        specimenType: 'FFPE_BLOCK',
        collectedAt: now - 6 * day,
        receivedAt: now - 30 * 60 * 1000, // lab receipt: the case clock starts here
        fixative: 'NEUTRAL_BUFFERED_FORMALIN',
        fixationHours: 24.0,
        decalcification: 'NONE',
        bloodTubeType: null,
      },
      workRequest: { type: 'NTRK_FUSION_WORKUP', assays: [] },
      priority: 'ROUTINE',
      clinicalSuspicion: 'STANDARD',
      priorOutsideResults: [],
      labellingFlags: [],
    },
  },
};

// The services register every topic's schema at start-up; the LIMS uses it and never registers its own.
const schemaId = await registry.getLatestSchemaId(`${topic}-value`);
const producer = kafka.producer({ idempotent: true });
await producer.connect();
// Key = specimenId: a record keyed otherwise is rejected with WRONG_KEY.
await producer.send({ topic, acks: -1, messages: [{ key: specimenId, value: await registry.encode(schemaId, event) }] });
await producer.disconnect();
console.log(`sent receipt of specimen ${specimenId}`);
