import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  reload: string;
  children: ReactNode;
}

/** Never a blank page: whatever breaks in a view, the user gets a message and a way back. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="fatal">
        <h1>{this.props.title}</h1>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => location.assign(location.pathname)}>
          {this.props.reload}
        </button>
      </div>
    );
  }
}
