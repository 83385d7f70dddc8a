// ruleid: DSQ-JS-0022
res.cookie('sid', sid, { httpOnly: false, secure: true });
app.use(session({
  secret: process.env.SESSION_SECRET,
  // ruleid: DSQ-JS-0022
  cookie: { secure: false, httpOnly: true },
}));
// ok: DSQ-JS-0022
res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
// ok: DSQ-JS-0022
const transport = nodemailer.createTransport({ host: 'smtp.example.com', secure: false });
