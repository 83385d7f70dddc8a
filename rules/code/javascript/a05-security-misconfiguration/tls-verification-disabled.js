// ruleid: DSQ-JS-0024
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: DSQ-JS-0024
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
// ok: DSQ-JS-0024
const good = new https.Agent({ rejectUnauthorized: true, ca });
