/** 6.3.1 预约服务: appointment events, their fold, and the slots cut from opening hours. */
export * from './fold'
export * from './payloads'
export * from './slots'
