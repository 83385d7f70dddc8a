package org.acme.inventory;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    public record Stock(String sku, long quantity, String warehouse) {
    }

    private final ValueCommands<String, Long> counts;
    private final String warehouse;

    public StockResource(RedisDataSource redis, @ConfigProperty(name = "inventory.warehouse") String warehouse) {
        this.counts = redis.value(Long.class);
        this.warehouse = warehouse;
    }

    @GET
    @Path("/{sku}")
    public Stock get(@PathParam("sku") String sku) {
        Long quantity = counts.get("stock:" + sku);
        if (quantity == null) {
            throw new NotFoundException();
        }
        return new Stock(sku, quantity, warehouse);
    }

    @PUT
    @Path("/{sku}/{quantity}")
    public Stock set(@PathParam("sku") String sku, @PathParam("quantity") long quantity) {
        counts.set("stock:" + sku, quantity);
        return new Stock(sku, quantity, warehouse);
    }
}
