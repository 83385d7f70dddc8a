app.post('/users', async (req, res) => {
  // ruleid: DSQ-JS-0026
  const user = await User.create(req.body);
  // ruleid: DSQ-JS-0026
  await User.findByIdAndUpdate(req.params.id, req.body);
  // ruleid: DSQ-JS-0026
  await prisma.user.update({ where: { id: req.user.id }, data: req.body });
  const { name, email } = req.body;
  // ok: DSQ-JS-0026
  const u2 = await User.create({ name, email });
  // ok: DSQ-JS-0026
  await prisma.user.create({ data: { name: req.body.name } });
  res.json({ user, u2 });
});

app.put('/me', async (req, res) => {
  const changes = req.body;
  // ruleid: DSQ-JS-0026
  Object.assign(user, changes);
  const parsed = ProfileSchema.parse(req.body);
  // ok: DSQ-JS-0026
  await User.create(parsed);
  res.end();
});
