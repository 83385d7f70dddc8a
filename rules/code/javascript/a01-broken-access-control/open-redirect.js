app.get('/login/callback', (req, res) => {
  const next = req.query.next;
  // ruleid: DSQ-JS-0007
  res.redirect(next);
  // ruleid: DSQ-JS-0007
  res.redirect(302, req.query.returnTo);
  // ok: DSQ-JS-0007
  res.redirect('/dashboard');
  const safe = ['/home', '/settings'].includes(next) ? next : '/';
  if (['/home', '/settings'].includes(next)) {
    // ok: DSQ-JS-0007
    res.redirect(next);
  }
});
