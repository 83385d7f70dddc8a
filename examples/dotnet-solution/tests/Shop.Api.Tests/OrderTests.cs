using Shop.Core;
using Xunit;

namespace Shop.Api.Tests;

public class OrderTests
{
    [Fact]
    public void NewOrdersArePlaced()
    {
        var order = new Order { Customer = "ada", Total = 12.5m };
        Assert.Equal(OrderStatus.Placed, order.Status);
    }
}
