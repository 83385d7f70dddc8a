// Package config reads the settings both binaries share from the environment.
package config

import "github.com/kelseyhightower/envconfig"

// Config is filled by envconfig from the variables named in the tags.
type Config struct {
	Port      string `envconfig:"PORT" default:"8080"`
	RedisURL  string `envconfig:"REDIS_URL" required:"true"`
	QueueName string `envconfig:"QUEUE_NAME" default:"orders"`
}

// Load reads the environment.
func Load() (Config, error) {
	var c Config
	err := envconfig.Process("", &c)
	return c, err
}
