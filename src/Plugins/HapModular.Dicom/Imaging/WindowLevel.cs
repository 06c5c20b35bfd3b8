namespace HapModular.Dicom.Imaging;

/// <summary>A VOI window in modality units.</summary>
/// <param name="Center">Window centre.</param>
/// <param name="Width">Window width (at least 1).</param>
public readonly record struct WindowLevel(double Center, double Width);

/// <summary>Which VOI transformation to apply to a monochrome frame (ignored for colour).</summary>
public sealed record VoiChoice
{
    private VoiChoice(VoiKind kind, WindowLevel? window)
    {
        Kind = kind;
        ExplicitWindow = window;
    }

    /// <summary>The kind of choice.</summary>
    public VoiKind Kind { get; }

    /// <summary>The window for <see cref="VoiKind.Window"/>.</summary>
    public WindowLevel? ExplicitWindow { get; }

    /// <summary>First stored window, else first VOI LUT, else min–max (dcmtk's usual order).</summary>
    public static VoiChoice Default { get; } = new(VoiKind.Default, null);

    /// <summary>The frame's minimum and maximum modality values (dcmtk <c>+Wm</c>).</summary>
    public static VoiChoice MinMax { get; } = new(VoiKind.MinMax, null);

    /// <summary>The first stored window (dcmtk <c>+Wi 1</c>).</summary>
    public static VoiChoice FirstWindow { get; } = new(VoiKind.FirstWindow, null);

    /// <summary>The first VOI LUT of the VOI LUT Sequence (dcmtk <c>+Wl 1</c>).</summary>
    public static VoiChoice FirstVoiLut { get; } = new(VoiKind.FirstVoiLut, null);

    /// <summary>No VOI transformation: modality values clipped to the output range.</summary>
    public static VoiChoice None { get; } = new(VoiKind.None, null);

    /// <summary>An explicit window.</summary>
    /// <param name="window">The window.</param>
    /// <returns>The choice.</returns>
    public static VoiChoice Window(WindowLevel window) => new(VoiKind.Window, window);
}

/// <summary>Kinds of <see cref="VoiChoice"/>.</summary>
public enum VoiKind
{
    /// <summary>See <see cref="VoiChoice.Default"/>.</summary>
    Default,

    /// <summary>See <see cref="VoiChoice.MinMax"/>.</summary>
    MinMax,

    /// <summary>See <see cref="VoiChoice.FirstWindow"/>.</summary>
    FirstWindow,

    /// <summary>See <see cref="VoiChoice.FirstVoiLut"/>.</summary>
    FirstVoiLut,

    /// <summary>See <see cref="VoiChoice.Window"/>.</summary>
    Window,

    /// <summary>See <see cref="VoiChoice.None"/>.</summary>
    None,
}
