// Says whether the bakery is open right now (07:00–15:00 local time).
const hour = new Date().getHours();
const el = document.getElementById('hours');
if (el) el.textContent += hour >= 7 && hour < 15 ? ' We are open now.' : ' We are closed right now.';
