// Package queue is a tiny job queue on a Redis list.
package queue

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Queue pushes and pops JSON jobs on one Redis list.
type Queue struct {
	rdb  *redis.Client
	name string
}

// New connects to the Redis server at url (redis://host:6379/0).
func New(url, name string) (*Queue, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	return &Queue{rdb: redis.NewClient(opts), name: name}, nil
}

// Push appends a job.
func (q *Queue) Push(ctx context.Context, job []byte) error {
	return q.rdb.LPush(ctx, q.name, job).Err()
}

// Pop waits up to timeout for the next job; it returns nil when none came.
func (q *Queue) Pop(ctx context.Context, timeout time.Duration) ([]byte, error) {
	res, err := q.rdb.BRPop(ctx, timeout, q.name).Result()
	if err == redis.Nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []byte(res[1]), nil
}

// Ping checks the connection.
func (q *Queue) Ping(ctx context.Context) error {
	return q.rdb.Ping(ctx).Err()
}
