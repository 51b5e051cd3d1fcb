export const CONTENT_ROUTES = {
  guidePost: '/pages/post/index',
  postList: '/console/posts/list/index',
  postEdit: '/console/posts/edit/index',
  postPreview: '/console/posts/preview/index',
  postStats: '/console/posts/stats/index',
} as const;

export const withId = (route: string, id: string) => `${route}?id=${encodeURIComponent(id)}`;
