// Command worker processes the orders the api queues in Redis.
package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/example/shop/internal/config"
	"github.com/example/shop/internal/queue"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	q, err := queue.New(cfg.RedisURL, cfg.QueueName)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("worker consuming %s", cfg.QueueName)
	for ctx.Err() == nil {
		job, err := q.Pop(ctx, 5*time.Second)
		if err != nil {
			if ctx.Err() == nil {
				log.Printf("pop: %v", err)
				time.Sleep(time.Second)
			}
			continue
		}
		if job != nil {
			log.Printf("processing order %s", job)
		}
	}
}
