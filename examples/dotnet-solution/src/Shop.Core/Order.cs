namespace Shop.Core;

public enum OrderStatus
{
    Placed,
    Paid,
    Shipped,
}

public class Order
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Customer { get; set; }

    public decimal Total { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Placed;

    public DateTimeOffset PlacedAt { get; set; } = DateTimeOffset.UtcNow;
}
