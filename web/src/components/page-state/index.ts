export { Empty, type EmptyProps } from './Empty.js';
export { ErrorState, type ErrorStateProps } from './ErrorState.js';
export { CardSkeleton, HeaderSkeleton, LoadingRegion, PageSkeleton, TextSkeleton } from './Loading.js';
export { QueryView, type QueryViewProps } from './QueryView.js';
export { OfflineBanner, ServiceBanner, type ServiceBannerProps } from './ServiceBanner.js';
