function login(user, password) {
  // ruleid: DSQ-JS-0025
  console.log('login attempt', user.email, password);
  // ruleid: DSQ-JS-0025
  logger.info({ token: session.accessToken }, 'issued');
  // ok: DSQ-JS-0025
  logger.info({ user: user.id }, 'password changed');
  // ok: DSQ-JS-0025
  console.log('token refreshed for', user.id);
}
