const express = require('express');
// ruleid: DSQ-JS-0028
const app = express();
app.get('/', (req, res) => res.send('hi'));
// ok: DSQ-JS-0028
const router = express.Router();
