from flask import Flask, request
import sqlite3

app = Flask(__name__)


@app.route("/user")
def user():
    uid = request.args.get("id")
    cur = sqlite3.connect("db.sqlite").cursor()
    # ruleid: DSQ-PY-0001
    cur.execute(f"SELECT * FROM users WHERE id = {uid}")
    # ok: DSQ-PY-0001
    cur.execute("SELECT * FROM users WHERE id = ?", (uid,))
    query = "SELECT * FROM users WHERE name = '%s'" % request.form["name"]
    # ruleid: DSQ-PY-0001
    cur.execute(query)
    n = int(request.args.get("limit", "10"))
    # ok: DSQ-PY-0001
    cur.execute("SELECT * FROM users LIMIT " + str(n))
    return "ok"


def by_name(request, name):
    # ruleid: DSQ-PY-0001
    rows = User.objects.raw("SELECT * FROM app_user WHERE name = '{}'".format(name))
    return rows
