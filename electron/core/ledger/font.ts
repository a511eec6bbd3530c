/** The vendored CJK font for PDF reports, relative to the app's root (see resources/fonts/LICENSE.txt). */
export const CJK_FONT = 'resources/fonts/NotoSansSC-GB2312.ttf';
