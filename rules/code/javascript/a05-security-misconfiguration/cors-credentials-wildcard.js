const cors = require('cors');
// ruleid: DSQ-JS-0023
app.use(cors({ origin: '*', credentials: true }));
// ruleid: DSQ-JS-0023
app.use(cors({ origin: true, credentials: true }));
// ok: DSQ-JS-0023
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
// ok: DSQ-JS-0023
app.use(cors({ origin: '*' }));
