from flask import Blueprint, current_app, jsonify, request
from redis import Redis

bp = Blueprint("todos", __name__)

KEY = "todos"


def store() -> Redis:
    return current_app.extensions["redis"]


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/todos")
def list_todos():
    return jsonify(todos=store().lrange(KEY, 0, -1))


@bp.post("/todos")
def add_todo():
    text = (request.get_json(silent=True) or {}).get("text", "").strip()
    if not text:
        return jsonify(error="text is required"), 400
    store().rpush(KEY, text)
    return jsonify(text=text), 201
