import os

from flask import Flask
from redis import Redis


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.extensions["redis"] = Redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"), decode_responses=True)

    from .routes import bp

    app.register_blueprint(bp)
    return app
