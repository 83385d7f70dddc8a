import Fastify from 'fastify';
// ruleid: DSQ-JS-0029
const server = Fastify({ logger: true });
server.get('/', async () => 'ok');
// ok: DSQ-JS-0029
const other = createServer();
