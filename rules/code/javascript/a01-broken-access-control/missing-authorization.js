const router = require('express').Router();
const { requireAuth } = require('./auth');

router.get('/orders', requireAuth, listOrders);
router.post('/orders', requireAuth, createOrder);
// ruleid: DSQ-JS-0027
router.delete('/orders/:id', async (req, res) => {
  await Order.deleteOne({ _id: String(req.params.id) });
  res.status(204).end();
});
// ok: DSQ-JS-0027
router.get('/health', (req, res) => res.send('ok'));
// ok: DSQ-JS-0027
router.put('/orders/:id', requireAuth, updateOrder);
module.exports = router;
