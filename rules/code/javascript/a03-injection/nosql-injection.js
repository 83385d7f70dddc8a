const express = require('express');
const User = require('./models/user');
const router = express.Router();

router.post('/login', async (req, res) => {
  // ruleid: DSQ-JS-0002
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  // ok: DSQ-JS-0002
  const safe = await User.findOne({ username: String(req.body.username) });
  res.json({ user, safe });
});

router.get('/search', async (req, res) => {
  const filter = req.query.filter;
  // ruleid: DSQ-JS-0002
  const items = await db.collection('items').find(filter).toArray();
  const id = req.params.id.toString();
  // ok: DSQ-JS-0002
  const item = await Item.findOne({ _id: id });
  res.json({ items, item });
});

router.get('/where', async (req, res) => {
  // ruleid: DSQ-JS-0002
  const r = await Post.find({ $where: `this.author == '${req.query.author}'` });
  // ok: DSQ-JS-0002
  const all = await Post.find({ published: true });
  res.json({ r, all });
});
