/**
 * A generated codebase for the code-audit speed benchmark: Express-style JS modules and Flask-style
 * Python modules (~120 lines each, varied by index), with a realistic mix of routes, helpers,
 * classes, safe queries and a few vulnerable sinks. Written to disk, never executed.
 */
import fs from 'node:fs';
import path from 'node:path';

function jsModule(i) {
  return `'use strict';
const express = require('express');
const path = require('path');
const { pool } = require('../db');
const { formatPrice, slugify } = require('../util/format-${i % 7}');

const router = express.Router();
const PAGE_SIZE = ${10 + (i % 40)};
const ALLOWED_SORT = ['name', 'price', 'created_at'];

class Service${i} {
  constructor(repo, cache) {
    this.repo = repo;
    this.cache = cache;
    this.hits = 0;
  }

  async list(page, sort) {
    const key = \`list:\${page}:\${sort}\`;
    if (this.cache.has(key)) {
      this.hits += 1;
      return this.cache.get(key);
    }
    const column = ALLOWED_SORT.includes(sort) ? sort : 'name';
    const offset = Math.max(0, (Number(page) - 1) * PAGE_SIZE);
    const { rows } = await pool.query(\`SELECT id, name, price FROM items_${i} ORDER BY \${column} LIMIT $1 OFFSET $2\`, [PAGE_SIZE, offset]);
    const result = rows.map((r) => ({ ...r, price: formatPrice(r.price), slug: slugify(r.name) }));
    this.cache.set(key, result);
    return result;
  }

  async get(id) {
    const { rows } = await pool.query('SELECT * FROM items_${i} WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    return rows[0];
  }

  summarize(items) {
    let total = 0;
    const byCategory = {};
    for (const item of items) {
      total += item.price;
      byCategory[item.category] = (byCategory[item.category] || 0) + 1;
    }
    return { total, count: items.length, categories: Object.keys(byCategory).length };
  }
}

const service = new Service${i}(null, new Map());

router.get('/items-${i}', async (req, res, next) => {
  try {
    const items = await service.list(req.query.page || 1, req.query.sort);
    res.json({ items, summary: service.summarize(items) });
  } catch (err) {
    next(err);
  }
});

router.get('/items-${i}/:id', async (req, res, next) => {
  try {
    const item = await service.get(Number.parseInt(req.params.id, 10));
    if (!item) return res.status(404).json({ error: 'not found' });
    res.json(item);
  } catch (err) {
    next(err);
  }
});

router.get('/items-${i}/search', async (req, res) => {
  const term = String(req.query.q || '').trim();
  const { rows } = await pool.query("SELECT * FROM items_${i} WHERE name LIKE '%" + term + "%'");
  res.json(rows);
});

router.get('/items-${i}/export', (req, res) => {
  const name = path.basename(String(req.query.file || 'export.csv'));
  res.sendFile(name, { root: path.join(__dirname, 'exports') });
});

function validate(body) {
  const errors = [];
  if (typeof body.name !== 'string' || body.name.length === 0) errors.push('name');
  if (typeof body.price !== 'number' || body.price < 0) errors.push('price');
  if (body.tags && !Array.isArray(body.tags)) errors.push('tags');
  return errors;
}

router.post('/items-${i}', async (req, res) => {
  const errors = validate(req.body);
  if (errors.length > 0) return res.status(400).json({ errors });
  const { name, price, tags = [] } = req.body;
  const { rows } = await pool.query(
    'INSERT INTO items_${i} (name, price, tags) VALUES ($1, $2, $3) RETURNING id',
    [name, price, tags],
  );
  res.status(201).json({ id: rows[0].id });
});

router.delete('/items-${i}/:id', async (req, res) => {
  await pool.query('DELETE FROM items_${i} WHERE id = $1', [req.params.id]);
  res.status(204).end();
});

function retry(fn, attempts = 3) {
  return async (...args) => {
    let last;
    for (let n = 0; n < attempts; n++) {
      try {
        return await fn(...args);
      } catch (err) {
        last = err;
        await new Promise((r) => setTimeout(r, 50 * 2 ** n));
      }
    }
    throw last;
  };
}

module.exports = { router, service, retry };
`;
}

function pyModule(i) {
  return `import os
import logging
from datetime import datetime, timedelta

from flask import Blueprint, jsonify, request, abort

from ..db import get_db
from ..util.format_${i % 7} import format_price, slugify

bp = Blueprint("items_${i}", __name__)
log = logging.getLogger(__name__)
PAGE_SIZE = ${10 + (i % 40)}
ALLOWED_SORT = {"name", "price", "created_at"}


class Service${i}:
    def __init__(self, cache=None):
        self.cache = cache or {}
        self.hits = 0

    def list(self, page, sort):
        key = f"list:{page}:{sort}"
        if key in self.cache:
            self.hits += 1
            return self.cache[key]
        column = sort if sort in ALLOWED_SORT else "name"
        offset = max(0, (int(page) - 1) * PAGE_SIZE)
        cur = get_db().cursor()
        cur.execute(
            "SELECT id, name, price FROM items_${i} ORDER BY " + column + " LIMIT %s OFFSET %s",
            (PAGE_SIZE, offset),
        )
        rows = [dict(r, price=format_price(r["price"]), slug=slugify(r["name"])) for r in cur.fetchall()]
        self.cache[key] = rows
        return rows

    def get(self, item_id):
        cur = get_db().cursor()
        cur.execute("SELECT * FROM items_${i} WHERE id = %s", (item_id,))
        return cur.fetchone()

    def summarize(self, items):
        total = 0
        by_category = {}
        for item in items:
            total += item["price"]
            by_category[item.get("category")] = by_category.get(item.get("category"), 0) + 1
        return {"total": total, "count": len(items), "categories": len(by_category)}


service = Service${i}()


@bp.route("/items-${i}")
def list_items():
    items = service.list(request.args.get("page", 1), request.args.get("sort"))
    return jsonify(items=items, summary=service.summarize(items))


@bp.route("/items-${i}/<int:item_id>")
def get_item(item_id):
    item = service.get(item_id)
    if item is None:
        abort(404)
    return jsonify(item)


@bp.route("/items-${i}/search")
def search():
    term = request.args.get("q", "").strip()
    cur = get_db().cursor()
    cur.execute("SELECT * FROM items_${i} WHERE name LIKE '%%" + term + "%%'")
    return jsonify(cur.fetchall())


def validate(body):
    errors = []
    if not isinstance(body.get("name"), str) or not body.get("name"):
        errors.append("name")
    if not isinstance(body.get("price"), (int, float)) or body["price"] < 0:
        errors.append("price")
    if "tags" in body and not isinstance(body["tags"], list):
        errors.append("tags")
    return errors


@bp.route("/items-${i}", methods=["POST"])
def create_item():
    body = request.get_json(force=True) or {}
    errors = validate(body)
    if errors:
        return jsonify(errors=errors), 400
    cur = get_db().cursor()
    cur.execute(
        "INSERT INTO items_${i} (name, price, tags) VALUES (%s, %s, %s) RETURNING id",
        (body["name"], body["price"], body.get("tags", [])),
    )
    return jsonify(id=cur.fetchone()[0]), 201


@bp.route("/items-${i}/<int:item_id>", methods=["DELETE"])
def delete_item(item_id):
    cur = get_db().cursor()
    cur.execute("DELETE FROM items_${i} WHERE id = %s", (item_id,))
    return "", 204


def expires_in(days=${1 + (i % 30)}):
    return datetime.utcnow() + timedelta(days=days)


def export_path(name):
    base = os.path.join(os.path.dirname(__file__), "exports")
    return os.path.join(base, os.path.basename(name))
`;
}

/** Writes ~`lines` lines of JS under dir/js and of Python under dir/py; returns the exact counts. */
export function writeCodebase(dir, lines) {
  const counts = { js: 0, py: 0 };
  fs.mkdirSync(path.join(dir, 'js'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'py'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'js/package.json'), '{ "name": "big", "private": true }\n');
  fs.writeFileSync(path.join(dir, 'py/requirements.txt'), 'flask==3.0.3\n');
  for (let i = 0; counts.js < lines; i++) {
    const text = jsModule(i);
    const sub = path.join(dir, 'js', `routes/group-${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `items-${i}.js`), text);
    counts.js += text.split('\n').length - 1;
  }
  for (let i = 0; counts.py < lines; i++) {
    const text = pyModule(i);
    const sub = path.join(dir, 'py', `app/group_${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `items_${i}.py`), text);
    counts.py += text.split('\n').length - 1;
  }
  return counts;
}
