namespace OpenVisa.Tests.Recording;

/// <summary>A scratch folder per test, removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "openvisa-rec-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
