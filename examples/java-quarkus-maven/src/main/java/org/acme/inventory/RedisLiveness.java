package org.acme.inventory;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class RedisLiveness implements HealthCheck {

    private final RedisDataSource redis;

    public RedisLiveness(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            redis.execute("PING");
            return HealthCheckResponse.up("redis");
        } catch (RuntimeException e) {
            return HealthCheckResponse.down("redis");
        }
    }
}
