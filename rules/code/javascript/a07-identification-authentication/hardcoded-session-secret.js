const session = require('express-session');

// ruleid: DSQ-JS-0017
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));
// ruleid: DSQ-JS-0017
app.use(cookieParser('s3cr3t'));
// ok: DSQ-JS-0017
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ok: DSQ-JS-0017
app.use(cookieParser(process.env.COOKIE_SECRET));
