import os

from flask import Flask

app = Flask(__name__)


@app.route("/healthz")
def healthz():
    return {"status": "ok"}


@app.route("/")
def index():
    return {"greeting": os.environ.get("GREETING", "hello")}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
