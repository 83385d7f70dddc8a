import sqlite3


def connect():
    return sqlite3.connect("wiki.db")


def page_by_title(title):
    cur = connect().cursor()
    # ruleid: DSQ-PY-0001
    cur.execute("SELECT body FROM pages WHERE title = '%s'" % title)
    return cur.fetchone()


def page_by_id(page_id):
    cur = connect().cursor()
    # ok: DSQ-PY-0001
    cur.execute("SELECT body FROM pages WHERE id = ?", (page_id,))
    return cur.fetchone()
