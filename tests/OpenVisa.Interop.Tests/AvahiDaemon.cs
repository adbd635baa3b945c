namespace OpenVisa.Interop.Tests;

/// <summary>
/// A private avahi-daemon inside a network namespace the test made, never the host's: it talks over a D-Bus system bus
/// of its own (a dbus-daemon with a config that lets avahi own its name, on a socket in a temp folder), listens only on
/// the namespace's veth, and keeps its pid file on a tmpfs mounted over /run in a mount namespace of its own, so
/// several can run at once beside a host avahi. avahi-browse and avahi-publish reach it through
/// <c>DBUS_SYSTEM_BUS_ADDRESS</c>.
/// </summary>
internal sealed class AvahiDaemon : IDisposable
{
    public const string Daemon = "/usr/sbin/avahi-daemon";
    public const string BrowseProgram = "/usr/bin/avahi-browse";
    public const string PublishProgram = "/usr/bin/avahi-publish";
    public const string BusDaemon = "/usr/bin/dbus-daemon";
    public const string Unshare = "/usr/bin/unshare";

    /// <summary>The name the daemon announces for its host (the addresses avahi-publish's services point at).</summary>
    public const string HostName = "ovisa-avahi-test";

    private readonly string _folder;
    private readonly string _namespace;
    private readonly WatchedProcess _bus;
    private readonly WatchedProcess? _daemon;

    private AvahiDaemon(string folder, string ns, WatchedProcess bus, string busAddress, Func<AvahiDaemon, WatchedProcess> daemon)
    {
        _folder = folder;
        _namespace = ns;
        _bus = bus;
        BusAddress = busAddress;
        try
        {
            _daemon = daemon(this);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The private bus's address, as DBUS_SYSTEM_BUS_ADDRESS for the avahi clients.</summary>
    public string BusAddress { get; }

    /// <summary>Starts the bus and the daemon in <paramref name="ns"/>, serving only <paramref name="device"/>; returns once avahi says its startup is complete.</summary>
    public static AvahiDaemon Start(string ns, string device)
    {
        var folder = Directory.CreateTempSubdirectory("ovisa-avahi-").FullName;
        var socket = Path.Combine(folder, "system_bus_socket");
        File.WriteAllText(Path.Combine(folder, "bus.conf"), $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
            </busconfig>
            """);
        var config = Path.Combine(folder, "avahi-daemon.conf");
        File.WriteAllText(config, $"""
            [server]
            host-name={HostName}
            use-ipv4=yes
            use-ipv6=no
            allow-interfaces={device}
            enable-dbus=yes
            ratelimit-interval-usec=1000000
            ratelimit-burst=1000
            [wide-area]
            enable-wide-area=no
            [publish]
            publish-hinfo=no
            publish-workstation=no
            """);
        var bus = WatchedProcess.Start(BusDaemon, $"--config-file={Path.Combine(folder, "bus.conf")}", "--nofork", "--print-address");
        string address;
        try
        {
            address = bus.WaitForLine("unix:path=", TimeSpan.FromSeconds(30)).Trim();
        }
        catch
        {
            bus.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }
        return new AvahiDaemon(folder, ns, bus, address, self =>
        {
            // ip netns exec gives it the namespace; unshare a mount namespace where /run is a fresh tmpfs for avahi's pid file.
            var daemon = WatchedProcess.Start(NamespacePair.Ip, "netns", "exec", ns, "env", $"DBUS_SYSTEM_BUS_ADDRESS={address}", Unshare, "--mount", "sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir /run/avahi-daemon && exec " + Daemon + " -f \"$1\" --no-drop-root --no-chroot --no-rlimits --no-proc-title", "sh", config);
            try
            {
                daemon.WaitForLine("Server startup complete", TimeSpan.FromSeconds(60));
            }
            catch
            {
                daemon.Dispose();
                throw;
            }
            return daemon;
        });
    }

    /// <summary>Runs <c>avahi-browse -rpt TYPE</c> (resolve, parsable, stop when the cache is dumped) in the namespace.</summary>
    public ChildProcess.Result Browse(string serviceType) =>
        ChildProcess.Run(NamespacePair.Ip, ["netns", "exec", _namespace, "env", $"DBUS_SYSTEM_BUS_ADDRESS={BusAddress}", BrowseProgram, "-rpt", serviceType], TimeSpan.FromSeconds(60));

    /// <summary>
    /// Browses <paramref name="serviceType"/> until a resolved line (<c>=;…</c>) contains <paramref name="expected"/>, for
    /// up to <paramref name="timeout"/> (avahi learns of a service from the announcement, or from its own query); returns that line.
    /// </summary>
    public string BrowseUntil(string serviceType, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = Browse(serviceType);
            var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("=;", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
            if (line is not null)
                return line;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"avahi-browse -rpt {serviceType} did not show '{expected}' within {timeout.TotalSeconds:0} s (exit {result.ExitCode}). Output:\n{result.StandardOutput}\nErrors: {result.StandardError}\nDaemon:\n{_daemon?.Output}");
            Thread.Sleep(500);
        }
    }

    /// <summary>Publishes a service with <c>avahi-publish -s</c>; returns once avahi says it is established. Disposing it withdraws the service.</summary>
    public WatchedProcess Publish(string name, string serviceType, int port, params string[] text)
    {
        var publisher = WatchedProcess.Start(NamespacePair.Ip,
            ["netns", "exec", _namespace, "env", $"DBUS_SYSTEM_BUS_ADDRESS={BusAddress}", PublishProgram, "-s", name, serviceType, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. text]);
        try
        {
            publisher.WaitForLine("Established under name", TimeSpan.FromSeconds(60));
        }
        catch
        {
            publisher.Dispose();
            throw;
        }
        return publisher;
    }

    public void Dispose()
    {
        _daemon?.Dispose();
        _bus.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A socket still being closed; the temp folder is cleaned later.
        }
    }
}
