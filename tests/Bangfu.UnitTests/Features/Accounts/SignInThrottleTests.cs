using Bangfu.Features.Accounts;

namespace Bangfu.UnitTests.Features.Accounts;

public sealed class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Three_failures_are_free_then_each_waits_twice_as_long_up_to_fifteen_minutes()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 3; i++)
            throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("zhang", "10.0.0.1"));

        throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.WaitFor("zhang", "10.0.0.1"));
        throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.WaitFor("zhang", "10.0.0.1"));
        for (var i = 0; i < 30; i++)
            throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromMinutes(15), throttle.WaitFor("zhang", "10.0.0.1"));

        clock.Now += TimeSpan.FromMinutes(15);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("zhang", "10.0.0.1"));
    }

    [Fact]
    public void A_stranger_elsewhere_slows_the_owner_by_at_most_a_minute_never_locks_them_out()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 10_000; i++)
        {
            throttle.Failed("admin", "203.0.113." + (i % 200));
            clock.Now += TimeSpan.FromMilliseconds(10);
        }

        var owner = throttle.WaitFor("admin", "198.51.100.7");
        Assert.InRange(owner, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        clock.Now += owner;
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("admin", "198.51.100.7"));
    }

    [Fact]
    public void Names_are_compared_without_case_and_counts_fade_after_an_hour()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 5; i++)
            throttle.Failed("Admin", "10.0.0.1");
        Assert.True(throttle.WaitFor("admin", "10.0.0.1") > TimeSpan.Zero);
        Assert.True(throttle.IsSlowed("ADMIN"));

        clock.Now += TimeSpan.FromHours(2);
        throttle.Failed("admin", "10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("admin", "10.0.0.1"));
        Assert.False(throttle.IsSlowed("admin"));
    }

    [Theory]
    [InlineData("Password123!", true)]
    [InlineData("P@ssw0rd", true)]
    [InlineData("Qwerty123456#", true)]
    [InlineData("User#Pass2026x", false)]
    [InlineData("Zh8#kq2Lmx!v", false)]
    public void Common_passwords_are_found_also_with_digits_and_symbols_added(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));
}
