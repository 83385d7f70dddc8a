function auth(req, res, next) {
  // ruleid: DSQ-JS-0020
  const claims = jwt.decode(req.headers.authorization.slice(7));
  req.user = claims;
  next();
}

function authOk(req, res, next) {
  const token = req.headers.authorization.slice(7);
  jwt.verify(token, process.env.JWT_SECRET);
  // ok: DSQ-JS-0020
  req.user = jwt.decode(token);
  next();
}
