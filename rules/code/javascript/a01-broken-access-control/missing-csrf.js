const express = require('express');
const session = require('express-session');
// ruleid: DSQ-JS-0030
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ok: DSQ-JS-0030
const router = express.Router();
