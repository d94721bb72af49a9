/** The enrollment screen's QR scan (issue 8 item 5). */
export default {
  scan: '扫描登记二维码',
  scanHint: '将主管机构页面上的登记二维码对准摄像头',
  cancel: '取消扫码',
  scanned: '已读取登记码 {code}，请核对后点击“注册”',
  prefilled: '已从链接填入登记码，请核对后点击“注册”',
  error: {
    'unsupported': '此浏览器无法使用摄像头（需要 HTTPS 或本机地址），请直接输入登记码',
    'denied': '未获得摄像头权限，请在浏览器设置中允许使用摄像头，或直接输入登记码',
    'no-camera': '未找到可用的摄像头，请直接输入登记码',
    'failed': '摄像头无法打开（可能正被其他应用使用），请直接输入登记码',
  },
}
