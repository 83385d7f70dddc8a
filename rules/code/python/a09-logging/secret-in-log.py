import logging

logger = logging.getLogger(__name__)


def login(user, password):
    # ruleid: DSQ-PY-0022
    logger.info("login %s with %s", user, password)
    # ruleid: DSQ-PY-0022
    logger.debug(f"token={user.token}")
    # ok: DSQ-PY-0022
    logger.info("password changed for %s", user.id)
