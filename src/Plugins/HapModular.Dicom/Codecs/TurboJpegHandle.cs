using Microsoft.Win32.SafeHandles;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// A TurboJPEG compressor or decompressor kept by one thread for its next frames (#16): creating and destroying one per
/// frame set up and freed libjpeg's whole working memory on every rendered frame. A handle is used by its own thread
/// only (TurboJPEG handles are not thread-safe), destroyed when that thread ends (its finalizer) or after an error.
/// </summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private TurboJpegHandle(IntPtr handle)
        : base(ownsHandle: true) => SetHandle(handle);

    public static TurboJpegHandle Wrap(IntPtr handle) => new(handle);

    protected override bool ReleaseHandle() => TurboJpeg.Destroy(handle) == 0;
}
