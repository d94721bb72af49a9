/** The enrollment screen's QR scan (issue 8 item 5). */
export default {
  scan: 'Scan the enrollment QR code',
  scanHint: 'Hold the QR code from the office page in front of the camera',
  cancel: 'Stop scanning',
  scanned: 'Read code {code}; check it, then tap Enroll',
  prefilled: 'The code was filled in from the link; check it, then tap Enroll',
  error: {
    'unsupported': 'This browser cannot use the camera (it needs HTTPS or localhost); type the code instead',
    'denied': 'Camera permission was refused; allow it in the browser settings, or type the code',
    'no-camera': 'No camera found; type the code instead',
    'failed': 'The camera could not be opened (another app may be using it); type the code instead',
  },
}
